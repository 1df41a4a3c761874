using System.Globalization;
using System.Text.Json;
using Argus.Config;
using Argus.Model;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Argus.Collect.Discovery;

/// <summary>
/// Parses a file SD file: a JSON or YAML list of <c>{targets: [...], labels: {...}}</c>. Group sources are
/// <c>&lt;path&gt;:&lt;index&gt;</c> and every group gets <c>__meta_filepath</c>, as Prometheus's discovery/file does.
/// </summary>
public static class TargetGroupFile
{
    private static readonly IDeserializer s_yaml = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .WithDuplicateKeyChecking()
        .Build();

    private static readonly JsonSerializerOptions s_json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <exception cref="FormatException">the content is not a valid list of target groups; the message names the cause.</exception>
    public static IReadOnlyList<TargetGroup> Parse(string path, string content)
    {
        bool json = Path.GetExtension(path).Equals(".json", StringComparison.OrdinalIgnoreCase);
        List<FileTargetGroup?>? raw;
        try
        {
            raw = json
                ? JsonSerializer.Deserialize<List<FileTargetGroup?>>(content, s_json)
                : s_yaml.Deserialize<List<FileTargetGroup?>>(content);
        }
        catch (JsonException e)
        {
            throw new FormatException(e.Message, e);
        }
        catch (YamlException e)
        {
            Exception inner = e;
            while (inner.InnerException is not null) inner = inner.InnerException;
            throw new FormatException($"{e.Start.Line}:{e.Start.Column}: {inner.Message}", e);
        }
        raw ??= [];
        var groups = new List<TargetGroup>(raw.Count);
        var filePath = new Label(TargetLabelNames.FilePath, path);
        for (int i = 0; i < raw.Count; i++)
        {
            var g = raw[i] ?? throw new FormatException($"nil target group item found (index {i})");
            foreach (var (name, _) in g.Labels ?? [])
            {
                if (!LabelNameRules.IsValid(name)) throw new FormatException($"\"{name}\" is not a valid label name");
            }
            var config = new StaticConfig { Targets = g.Targets ?? [], Labels = g.Labels ?? [] };
            groups.Add(StaticDiscoverer.ToGroup(config, path + ":" + i.ToString(CultureInfo.InvariantCulture), [filePath]));
        }
        return groups;
    }

    /// <summary>Wire shape of one group in a file; unknown keys are errors in YAML and ignored in JSON, as in Prometheus.</summary>
    internal sealed class FileTargetGroup
    {
        public List<string>? Targets { get; set; }
        public Dictionary<string, string>? Labels { get; set; }
    }
}
