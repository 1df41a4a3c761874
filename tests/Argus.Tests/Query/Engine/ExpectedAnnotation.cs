namespace Argus.Tests.Query.Engine;

/// <summary>One <c>expect warn|info [msg: …|regex: …]</c> line; both null means "any annotation of that kind".</summary>
internal sealed record ExpectedAnnotation(string? Message, string? Regex);
