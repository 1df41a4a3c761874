using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace Argus.Config;

/// <summary>Reads and writes <see cref="ByteSize"/> (<c>512MB</c>); bad values become load errors.</summary>
internal sealed class ByteSizeYamlConverter(ConfigLoadContext? context) : IYamlTypeConverter
{
    public bool Accepts(Type type) => type == typeof(ByteSize);

    public object? ReadYaml(IParser parser, Type type, ObjectDeserializer rootDeserializer)
    {
        var scalar = parser.Consume<Scalar>();
        if (ByteSize.TryParse(scalar.Value, out var value, out var error)) return value;
        if (context is null) throw new YamlException(scalar.Start, scalar.End, error!);
        context.Error(scalar.Start, error!);
        return default(ByteSize);
    }

    public void WriteYaml(IEmitter emitter, object? value, Type type, ObjectSerializer serializer) =>
        emitter.Emit(new Scalar(((ByteSize)value!).ToString()));
}
