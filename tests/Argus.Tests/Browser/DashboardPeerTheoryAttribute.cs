namespace Argus.Tests.Browser;

/// <summary>A theory skipped, saying why, when a real peer binary it needs is not installed (the theory form of PeerFact).</summary>
public sealed class DashboardPeerTheoryAttribute : TheoryAttribute
{
    public DashboardPeerTheoryAttribute(params string[] binaries)
    {
        var missing = binaries.Where(b => !File.Exists(b)).ToList();
        if (missing.Count > 0) Skip = $"{string.Join(", ", missing)} not installed; this test runs against the real peer";
    }
}
