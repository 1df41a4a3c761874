using System.Text.RegularExpressions;

namespace Argus.Config;

internal sealed partial class ConfigValidator
{
    private List<StaticConfig> ValidateStaticConfigs(IReadOnlyList<StaticConfig>? configs, object parent)
    {
        var result = new List<StaticConfig>();
        foreach (var st in configs ?? [])
        {
            if (st is null)
            {
                _context.Error(parent, "empty or null static config section");
                continue;
            }
            object at = (object?)_context.PositionOf(st) is not null ? st : parent;
            foreach (string? t in st.Targets ?? [])
            {
                if (string.IsNullOrEmpty(t)) _context.Error(at, "empty target in static config");
                else if (t.Contains('/')) _context.Error(at, $"\"{t}\" is not a valid hostname");
            }
            var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var (name, value) in st.Labels ?? new Dictionary<string, string>())
            {
                if (!LabelNameRules.IsValid(name)) _context.Error(at, $"\"{name}\" is not a valid label name");
                labels[name] = value ?? "";
            }
            result.Add(st with { Targets = st.Targets ?? [], Labels = labels });
        }
        return result;
    }

    private List<FileSdConfig> ValidateFileSdConfigs(IReadOnlyList<FileSdConfig>? configs, object parent)
    {
        var result = new List<FileSdConfig>();
        foreach (var f in configs ?? [])
        {
            if (f is null)
            {
                _context.Error(parent, "empty or null file_sd config section");
                continue;
            }
            if ((f.Files?.Count ?? 0) == 0) _context.Error(f, "file service discovery config must contain at least one path name");
            var files = new List<string>();
            foreach (string? name in f.Files ?? [])
            {
                if (string.IsNullOrEmpty(name) || !FileSdNameRegex().IsMatch(name))
                {
                    _context.Error(f, $"path name \"{name}\" is not valid for file discovery");
                    continue;
                }
                files.Add(ResolvePath(name)!);
            }
            if (f.RefreshInterval <= TimeSpan.Zero) _context.Error(f, "file_sd refresh_interval must be greater than 0");
            result.Add(f with { Files = files });
        }
        return result;
    }

    // Which selector roles each SD role accepts (discovery/kubernetes SDConfig.UnmarshalYAML).
    private static readonly Dictionary<string, string[]> s_allowedSelectors = new(StringComparer.Ordinal)
    {
        ["pod"] = ["pod"],
        ["service"] = ["service"],
        ["endpointslice"] = ["pod", "service", "endpointslice"],
        ["endpoints"] = ["pod", "service", "endpoints"],
        ["node"] = ["node"],
        ["ingress"] = ["ingress"],
    };

    private List<KubernetesSdConfig> ValidateKubernetesSdConfigs(IReadOnlyList<KubernetesSdConfig>? configs, object parent)
    {
        var result = new List<KubernetesSdConfig>();
        foreach (var k in configs ?? [])
        {
            if (k is null)
            {
                _context.Error(parent, "empty or null kubernetes_sd config section");
                continue;
            }
            if (string.IsNullOrEmpty(k.Role))
            {
                _context.Error(k, "role missing (one of: pod, service, endpoints, endpointslice, node, ingress)");
            }
            else if (!s_allowedSelectors.ContainsKey(k.Role))
            {
                _context.Error(k, $"unknown Kubernetes SD role \"{k.Role}\"");
            }
            bool customHttp = k.BasicAuth is not null || k.Authorization is not null || k.BearerToken is not null ||
                k.BearerTokenFile is not null || k.TlsConfig is not null || k.ProxyUrl is not null || k.HttpHeaders is not null;
            if (!string.IsNullOrEmpty(k.ApiServer) && !string.IsNullOrEmpty(k.KubeconfigFile))
            {
                _context.Error(k, "cannot use 'kubeconfig_file' and 'api_server' simultaneously");
            }
            if (!string.IsNullOrEmpty(k.KubeconfigFile) && customHttp)
            {
                _context.Error(k, "cannot use custom HTTP client configuration together with 'kubeconfig_file'");
            }
            if (string.IsNullOrEmpty(k.ApiServer) && string.IsNullOrEmpty(k.KubeconfigFile) && customHttp)
            {
                _context.Error(k, "to use custom HTTP client configuration please provide the 'api_server' URL explicitly");
            }
            if (!string.IsNullOrEmpty(k.ApiServer) && !Uri.TryCreate(k.ApiServer, UriKind.Absolute, out _))
            {
                _context.Error(k, $"invalid api_server \"{k.ApiServer}\": not an absolute URL");
            }
            var roles = new HashSet<string>(StringComparer.Ordinal);
            foreach (var sel in k.Selectors ?? [])
            {
                if (sel is null) continue;
                if (!roles.Add(sel.Role)) _context.Error(sel, $"duplicated selector role: {sel.Role}");
                if (s_allowedSelectors.TryGetValue(k.Role ?? "", out var allowed) && !allowed.Contains(sel.Role))
                {
                    _context.Error(sel, $"{k.Role} role supports only {string.Join(", ", allowed)} selectors");
                }
            }
            var http = (KubernetesSdConfig)ValidateHttpClient(k);
            result.Add(http with
            {
                KubeconfigFile = CheckedFile(k, k.KubeconfigFile, "kubeconfig", always: false),
                Selectors = k.Selectors ?? [],
            });
        }
        return result;
    }

    // patFileSDName: one '*' allowed in the last element, extension json/yml/yaml.
    [GeneratedRegex(@"^[^*]*(\*[^/]*)?\.(json|yml|yaml|JSON|YML|YAML)$")]
    private static partial Regex FileSdNameRegex();
}
