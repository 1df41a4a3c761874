using System.Text;

namespace Argus.Collect.Discovery;

/// <summary>Go's url.QueryEscape, so scrape URLs carry parameters byte for byte as Prometheus sends them.</summary>
internal static class GoUrl
{
    public static string QueryEscape(string s)
    {
        var sb = new StringBuilder(s.Length);
        Span<byte> buf = stackalloc byte[4];
        foreach (var rune in s.EnumerateRunes())
        {
            int v = rune.Value;
            if (v < 128 && (char.IsAsciiLetterOrDigit((char)v) || v is '-' or '_' or '.' or '~'))
            {
                sb.Append((char)v);
            }
            else if (v == ' ')
            {
                sb.Append('+');
            }
            else
            {
                int n = rune.EncodeToUtf8(buf);
                for (int i = 0; i < n; i++) sb.Append('%').Append(buf[i].ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return sb.ToString();
    }
}
