namespace Argus.Model;

/// <summary>The stable 64-bit id of a series in the store. Zero means "not yet known".</summary>
public readonly record struct SeriesRef(ulong Value)
{
    public static readonly SeriesRef None = default;
    public bool IsNone => Value == 0;
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
