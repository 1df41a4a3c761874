namespace Argus.Tests.Testing;

/// <summary>A measurement that runs only when its bench script sets the named environment variable (not in the test suite).</summary>
public sealed class BenchFactAttribute : FactAttribute
{
    public BenchFactAttribute(string variable, string script)
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(variable))) Skip = $"a benchmark: set {variable} ({script} does)";
    }
}
