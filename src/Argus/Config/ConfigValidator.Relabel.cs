using System.Text.RegularExpressions;

namespace Argus.Config;

internal sealed partial class ConfigValidator
{
    /// <summary>model/relabel Config.Validate, rule for rule, with Prometheus's messages.</summary>
    private List<RelabelConfig> ValidateRelabelConfigs(IReadOnlyList<RelabelConfig>? configs, object parent, string nullMessage)
    {
        var result = new List<RelabelConfig>();
        foreach (var rc in configs ?? [])
        {
            if (rc is null)
            {
                _context.Error(parent, nullMessage);
                continue;
            }
            if (Enum.IsDefined(rc.Action))
            {
                foreach (string msg in RelabelErrors(rc)) _context.Error(rc, msg);
            }
            result.Add(rc with { SourceLabels = rc.SourceLabels ?? [], TargetLabel = rc.TargetLabel ?? "" });
        }
        return result;
    }

    /// <summary>The problems Prometheus reports for one relabel config (empty when valid).</summary>
    internal static IEnumerable<string> RelabelErrors(RelabelConfig c)
    {
        string action = RelabelActionYamlConverter.Format(c.Action);
        string target = c.TargetLabel ?? "";
        foreach (string name in c.SourceLabels ?? [])
        {
            if (!LabelNameRules.IsValid(name)) yield return $"\"{name}\" is not a valid label name";
        }
        if (c.Action == RelabelAction.HashMod && c.Modulus == 0)
        {
            yield return "relabel configuration for hashmod requires non-zero modulus";
        }
        bool needsTarget = c.Action is RelabelAction.Replace or RelabelAction.HashMod or RelabelAction.Lowercase
            or RelabelAction.Uppercase or RelabelAction.KeepEqual or RelabelAction.DropEqual;
        if (needsTarget && target.Length == 0)
        {
            yield return $"relabel configuration for {action} action requires 'target_label' value";
        }
        else if (c.Action == RelabelAction.Replace && !RelabelTargetRegex().IsMatch(target))
        {
            yield return $"\"{target}\" is invalid 'target_label' for {action} action";
        }
        else if (c.Action is RelabelAction.Lowercase or RelabelAction.Uppercase or RelabelAction.HashMod
                     or RelabelAction.KeepEqual or RelabelAction.DropEqual && target.Length > 0 && !LabelNameRules.IsValid(target))
        {
            yield return $"\"{target}\" is invalid 'target_label' for {action} action";
        }
        if (c.Action is RelabelAction.Lowercase or RelabelAction.Uppercase or RelabelAction.KeepEqual or RelabelAction.DropEqual
            && c.Replacement != RelabelConfig.DefaultReplacement)
        {
            yield return $"'replacement' can not be set for {action} action";
        }
        if (c.Action == RelabelAction.LabelMap && !RelabelTargetRegex().IsMatch(c.Replacement))
        {
            yield return $"\"{c.Replacement}\" is invalid 'replacement' for {action} action";
        }
        if (c.Action is RelabelAction.KeepEqual or RelabelAction.DropEqual &&
            (!c.Regex.IsDefault || c.Modulus != 0 || c.Separator != RelabelConfig.DefaultSeparator || c.Replacement != RelabelConfig.DefaultReplacement))
        {
            yield return $"{action} action requires only 'source_labels' and `target_label`, and no other fields";
        }
        if (c.Action is RelabelAction.LabelDrop or RelabelAction.LabelKeep &&
            ((c.SourceLabels?.Count ?? 0) != 0 || target.Length != 0 || c.Modulus != 0 ||
             c.Separator != RelabelConfig.DefaultSeparator || c.Replacement != RelabelConfig.DefaultReplacement))
        {
            yield return $"{action} action requires only 'regex', and no other fields";
        }
    }

    // relabelTarget: label-name characters and $1 / ${1} / $name references.
    [GeneratedRegex(@"^(?:(?:[a-zA-Z_]|\$(?:\{\w+\}|\w+))+\w*)+$")]
    private static partial Regex RelabelTargetRegex();
}
