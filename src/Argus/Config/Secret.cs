namespace Argus.Config;

/// <summary>
/// A configuration string that must never be printed: <see cref="ToString"/> and the YAML echo of the config give
/// <c>&lt;secret&gt;</c>, as Prometheus's common/config Secret does. Read the value with <see cref="Reveal"/> at the point of use.
/// </summary>
public sealed record Secret(string Value)
{
    public const string Redacted = "<secret>";

    public string Reveal() => Value;

    public override string ToString() => Redacted;
}
