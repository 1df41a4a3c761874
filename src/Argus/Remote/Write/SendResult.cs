namespace Argus.Remote.Write;

/// <summary>The outcome of one POST, the status (0 for a network error), the receiver's Retry-After if any, and a reason for the log.</summary>
public readonly record struct SendResult(SendOutcome Outcome, int Status, TimeSpan? RetryAfter, string? Error);
