namespace Argus.Serve.Auth;

/// <summary>A web config file that cannot be used; <see cref="Exception.Message"/> lists every error as <c>file:line:column: …</c>.</summary>
public sealed class WebConfigException(string file, IReadOnlyList<string> errors)
    : Exception($"web config {file} is invalid:\n{string.Join('\n', errors)}")
{
    public string File { get; } = file;
    public IReadOnlyList<string> Errors { get; } = errors;
}
