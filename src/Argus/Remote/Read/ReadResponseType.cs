namespace Argus.Remote.Read;

/// <summary>prompb.ReadRequest.ResponseType: what the client accepts back (field 2 of ReadRequest).</summary>
public enum ReadResponseType
{
    /// <summary>One snappy-compressed ReadResponse holding raw samples (the default when the list is empty).</summary>
    Samples = 0,

    /// <summary>A stream of ChunkedReadResponse frames with XOR chunks (Thanos sidecar, Prometheus 3's client).</summary>
    StreamedXorChunks = 1,
}
