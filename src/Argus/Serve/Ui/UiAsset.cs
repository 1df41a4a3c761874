namespace Argus.Serve.Ui;

/// <summary>
/// One file of the web UI bundle with the encodings web/build.mjs precompressed. <see cref="ETag"/> is a strong validator
/// over the identity bytes; the encoded bodies share it with a suffix, as they are different representations.
/// </summary>
public sealed class UiAsset(string path, string contentType, byte[] identity, byte[]? gzip, byte[]? brotli, bool immutable)
{
    /// <summary>The path below the site root without the leading slash, e.g. <c>assets/app-7XK2.js</c>.</summary>
    public string Path { get; } = path;
    public string ContentType { get; } = contentType;
    public byte[] Identity { get; } = identity;
    public byte[]? Gzip { get; } = gzip;
    public byte[]? Brotli { get; } = brotli;

    /// <summary>Content-hashed names never change content: cached for a year without revalidation.</summary>
    public bool Immutable { get; } = immutable;

    public string ETag { get; } = "\"" + Convert.ToHexStringLower(BitConverter.GetBytes(System.IO.Hashing.XxHash64.HashToUInt64(identity))) + "\"";
}
