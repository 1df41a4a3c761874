using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace Argus.Config;

/// <summary>Reads a <see cref="Secret"/> from a scalar; always writes <c>&lt;secret&gt;</c>, never the value.</summary>
internal sealed class SecretYamlConverter : IYamlTypeConverter
{
    public bool Accepts(Type type) => type == typeof(Secret);

    public object? ReadYaml(IParser parser, Type type, ObjectDeserializer rootDeserializer) =>
        new Secret(parser.Consume<Scalar>().Value);

    public void WriteYaml(IEmitter emitter, object? value, Type type, ObjectSerializer serializer) =>
        emitter.Emit(new Scalar(Secret.Redacted));
}
