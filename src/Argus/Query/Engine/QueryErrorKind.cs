namespace Argus.Query.Engine;

/// <summary>The error types of Prometheus's query API (errorExec, errorTimeout, errorCanceled); TooManySamples is an execution error there.</summary>
public enum QueryErrorKind
{
    Execution,
    Timeout,
    Canceled,
    TooManySamples,
}
