using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace Argus.Config;

/// <summary>Compiles <c>regex:</c> values; an invalid expression becomes a load error at its position.</summary>
internal sealed class RelabelRegexYamlConverter(ConfigLoadContext? context) : IYamlTypeConverter
{
    public bool Accepts(Type type) => type == typeof(RelabelRegex);

    public object? ReadYaml(IParser parser, Type type, ObjectDeserializer rootDeserializer)
    {
        var scalar = parser.Consume<Scalar>();
        if (scalar.Value == RelabelRegex.DefaultPattern) return RelabelRegex.Default;
        try
        {
            return new RelabelRegex(scalar.Value);
        }
        catch (FormatException e)
        {
            if (context is null) throw new YamlException(scalar.Start, scalar.End, e.Message);
            context.Error(scalar.Start, e.Message);
            return RelabelRegex.Default;
        }
    }

    public void WriteYaml(IEmitter emitter, object? value, Type type, ObjectSerializer serializer) =>
        emitter.Emit(new Scalar(((RelabelRegex)value!).Pattern));
}
