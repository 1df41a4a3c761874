using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Argus.Config;

/// <summary>Lets config records expose <c>IReadOnlyList&lt;T&gt;</c> and <c>IReadOnlyDictionary&lt;K,V&gt;</c> properties, which
/// YamlDotNet cannot instantiate: the node is read as <c>List&lt;T&gt;</c> / <c>Dictionary&lt;K,V&gt;</c> instead.</summary>
internal sealed class ReadOnlyCollectionNodeDeserializer : INodeDeserializer
{
    public bool Deserialize(IParser reader, Type expectedType, Func<IParser, Type, object?> nestedObjectDeserializer,
        out object? value, ObjectDeserializer rootDeserializer)
    {
        value = null;
        if (!expectedType.IsInterface || !expectedType.IsGenericType) return false;
        Type definition = expectedType.GetGenericTypeDefinition();
        Type[] args = expectedType.GetGenericArguments();
        Type? concrete = definition == typeof(IReadOnlyList<>) || definition == typeof(IReadOnlyCollection<>)
            ? typeof(List<>).MakeGenericType(args)
            : definition == typeof(IReadOnlyDictionary<,>) ? typeof(Dictionary<,>).MakeGenericType(args) : null;
        if (concrete is null) return false;
        value = nestedObjectDeserializer(reader, concrete);
        return true;
    }
}
