using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Argus.Config;

/// <summary>
/// Wraps YamlDotNet's object node deserializer and records where every mapping-backed object began, so validation can say
/// <c>file:line:col</c> for semantic errors (a YAML node has a position; a deserialized record does not).
/// </summary>
internal sealed class PositionRecorder(INodeDeserializer inner, ConfigLoadContext context) : INodeDeserializer
{
    public bool Deserialize(IParser reader, Type expectedType, Func<IParser, Type, object?> nestedObjectDeserializer,
        out object? value, ObjectDeserializer rootDeserializer)
    {
        Mark? start = reader.Current?.Start;
        if (!inner.Deserialize(reader, expectedType, nestedObjectDeserializer, out value, rootDeserializer)) return false;
        if (value is not null && start is { } mark) context.Record(value, mark);
        return true;
    }
}
