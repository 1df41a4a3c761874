using YamlDotNet.Core;

namespace Argus.Config;

/// <summary>
/// State of one load: the file name used in messages, the position where each deserialized object began (by reference),
/// and the errors found so far. Scalar converters record bad values here instead of throwing, so one load reports them all.
/// </summary>
internal sealed class ConfigLoadContext(string fileName)
{
    private readonly Dictionary<object, Mark> _positions = new(ReferenceEqualityComparer.Instance);
    private readonly List<ConfigError> _errors = [];

    public string FileName { get; } = fileName;

    public IReadOnlyList<ConfigError> Errors => _errors;

    public void Record(object value, Mark start) => _positions.TryAdd(value, start);

    public Mark? PositionOf(object? value) => value is not null && _positions.TryGetValue(value, out var m) ? m : null;

    /// <summary>Adds an error located at the start of <paramref name="at"/>'s YAML node, or without position if unknown.</summary>
    public void Error(object? at, string message) => Error(PositionOf(at), message);

    public void Error(Mark? at, string message) =>
        _errors.Add(new ConfigError(FileName, (int)(at?.Line ?? 0), (int)(at?.Column ?? 0), message));

    public IReadOnlyList<ConfigError> SortedErrors() =>
        [.. _errors.OrderBy(e => e.Line).ThenBy(e => e.Column)];
}
