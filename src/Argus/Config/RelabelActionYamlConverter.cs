using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace Argus.Config;

/// <summary>Reads relabel actions case-insensitively (as Prometheus lower-cases them) and writes them in lower case.</summary>
internal sealed class RelabelActionYamlConverter(ConfigLoadContext? context) : IYamlTypeConverter
{
    /// <summary>Stands for an action that failed to parse (already reported), so validation does not pile up more errors.</summary>
    internal const RelabelAction Unknown = (RelabelAction)(-1);

    public bool Accepts(Type type) => type == typeof(RelabelAction);

    public static bool TryParse(string s, out RelabelAction action) =>
        Enum.TryParse(s, ignoreCase: true, out action) && !s.Any(char.IsDigit) && s.Length > 0;

    public static string Format(RelabelAction action) => action.ToString().ToLowerInvariant();

    public object? ReadYaml(IParser parser, Type type, ObjectDeserializer rootDeserializer)
    {
        var scalar = parser.Consume<Scalar>();
        if (scalar.Value.Length == 0)
        {
            context?.Error(scalar.Start, "relabel action cannot be empty");
            return RelabelAction.Replace;
        }
        if (TryParse(scalar.Value, out var action)) return action;
        string message = $"unknown relabel action \"{scalar.Value}\"";
        if (context is null) throw new YamlException(scalar.Start, scalar.End, message);
        context.Error(scalar.Start, message);
        return Unknown;
    }

    public void WriteYaml(IEmitter emitter, object? value, Type type, ObjectSerializer serializer) =>
        emitter.Emit(new Scalar(Format((RelabelAction)value!)));
}
