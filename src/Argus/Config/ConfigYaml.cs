using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;
using YamlDotNet.Serialization.NodeDeserializers;

namespace Argus.Config;

/// <summary>
/// The strict YAML reader and the redacting writer for configuration records: underscored names, unknown and duplicate keys
/// are errors, Prometheus durations, sizes, regexes and secrets through type converters.
/// </summary>
internal static partial class ConfigYaml
{
    public static IDeserializer CreateDeserializer(ConfigLoadContext context) =>
        new DeserializerBuilder()
            .WithNamingConvention(UnderscoredNamingConvention.Instance)
            .WithDuplicateKeyChecking()
            .WithTypeConverter(new DurationYamlConverter(context))
            .WithTypeConverter(new ByteSizeYamlConverter(context))
            .WithTypeConverter(new SecretYamlConverter())
            .WithTypeConverter(new RelabelRegexYamlConverter(context))
            .WithTypeConverter(new RelabelActionYamlConverter(context))
            .WithNodeDeserializer(new ReadOnlyCollectionNodeDeserializer(), s => s.OnTop())
            .WithNodeDeserializer(inner => new PositionRecorder(inner, context), s => s.InsteadOf<ObjectNodeDeserializer>())
            .Build();

    private static readonly ISerializer s_serializer = new SerializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitDefaults | DefaultValuesHandling.OmitEmptyCollections)
        .WithTypeConverter(new DurationYamlConverter(null))
        .WithTypeConverter(new ByteSizeYamlConverter(null))
        .WithTypeConverter(new SecretYamlConverter())
        .WithTypeConverter(new RelabelRegexYamlConverter(null))
        .WithTypeConverter(new RelabelActionYamlConverter(null))
        .DisableAliases()
        .Build();

    public static string Serialize(object value) => s_serializer.Serialize(value);

    /// <summary>Turns a YamlDotNet exception into a positioned error with a Prometheus-like message.</summary>
    public static ConfigError ToError(string fileName, YamlException e)
    {
        Exception inner = e;
        while (inner.InnerException is not null) inner = inner.InnerException;
        string message = inner.Message;
        if (UnknownPropertyRegex().Match(message) is { Success: true } m)
        {
            message = $"field {m.Groups[1].Value} not found in type {YamlTypeName(m.Groups[2].Value)}";
        }
        else if (DuplicateKeyRegex().Match(message) is { Success: true } d)
        {
            message = $"mapping key \"{d.Groups[1].Value}\" already defined";
        }
        else if (inner is YamlException ye && ye.Message.StartsWith('(') && ye.Message.IndexOf("): ", StringComparison.Ordinal) is > 0 and var close)
        {
            message = ye.Message[(close + 3)..]; // drop YamlDotNet's "(Line: …, Col: …, Idx: …) - (…): " prefix
        }
        else if (inner != e && inner is not YamlException)
        {
            message = "cannot unmarshal: " + inner.Message;
        }
        return new ConfigError(fileName, (int)e.Start.Line, (int)e.Start.Column, message);
    }

    private static string YamlTypeName(string clrName)
    {
        string shortName = clrName[(clrName.LastIndexOf('.') + 1)..];
        return UnderscoredNamingConvention.Instance.Apply(shortName);
    }

    [GeneratedRegex(@"Property '([^']*)' not found on type '([^']*)'")]
    private static partial Regex UnknownPropertyRegex();

    [GeneratedRegex(@"[Dd]uplicate key:? ?'?([^']*?)'?\.?$")]
    private static partial Regex DuplicateKeyRegex();
}
