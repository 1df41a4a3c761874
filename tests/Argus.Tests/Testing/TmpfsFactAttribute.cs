namespace Argus.Tests.Testing;

/// <summary>A fact skipped, saying why, when this machine cannot mount a tmpfs (not root, no CAP_SYS_ADMIN, not Linux).</summary>
public sealed class TmpfsFactAttribute : FactAttribute
{
    public TmpfsFactAttribute()
    {
        if (Tmpfs.Unavailable is { } why) Skip = why;
    }
}
