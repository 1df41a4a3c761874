namespace Argus.Config;

/// <summary>Prometheus's legacy label name rule <c>[a-zA-Z_][a-zA-Z0-9_]*</c> (model.LabelName.IsValid without UTF-8 names).</summary>
public static class LabelNameRules
{
    public static bool IsValid(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty) return false;
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            bool ok = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_' || (i > 0 && c is >= '0' and <= '9');
            if (!ok) return false;
        }
        return true;
    }
}
