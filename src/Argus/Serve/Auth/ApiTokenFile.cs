using System.Security.Cryptography;
using System.Text;

namespace Argus.Serve.Auth;

/// <summary>
/// Parses <c>ARGUS_API_TOKENS_FILE</c>: one token a line as <c>&lt;name&gt; &lt;role&gt; &lt;token&gt;</c> separated by
/// spaces or tabs, role <c>admin</c> or <c>viewer</c>; blank lines and lines starting with <c>#</c> are ignored. Tokens must
/// be at least <see cref="MinTokenLength"/> characters. Errors name the file and line and never quote the token.
/// </summary>
public static class ApiTokenFile
{
    /// <summary>128 bits as hex: a token a person could guess is no token.</summary>
    public const int MinTokenLength = 32;

    public static IReadOnlyList<ApiToken> Parse(string text, string file, out List<string> errors)
    {
        errors = [];
        var tokens = new List<ApiToken>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            string where = $"{file}:{i + 1}";
            string[] f = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (f.Length != 3)
            {
                errors.Add($"{where}: expected \"<name> <role> <token>\", got {f.Length} fields");
                continue;
            }
            if (!TryParseRole(f[1], out var role))
            {
                errors.Add($"{where}: unknown role \"{f[1]}\" for token \"{f[0]}\" (admin or viewer)");
                continue;
            }
            if (f[2].Length < MinTokenLength)
            {
                errors.Add($"{where}: token \"{f[0]}\" is shorter than {MinTokenLength} characters");
                continue;
            }
            if (!names.Add(f[0]))
            {
                errors.Add($"{where}: duplicate token name \"{f[0]}\"");
                continue;
            }
            tokens.Add(new ApiToken(f[0], role, SHA256.HashData(Encoding.UTF8.GetBytes(f[2]))));
        }
        return tokens;
    }

    public static bool TryParseRole(string s, out Role role)
    {
        switch (s)
        {
            case "admin": role = Role.Admin; return true;
            case "viewer": role = Role.Viewer; return true;
            default: role = Role.Viewer; return false;
        }
    }
}
