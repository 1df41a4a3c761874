namespace Argus.Query.Parser;

/// <summary>A half-open span <c>[Start, End)</c> of character offsets into the query text, as Prometheus's posrange.PositionRange.</summary>
public readonly record struct PositionRange(int Start, int End)
{
    /// <summary>The start as <c>line:column</c> (both 1-based), the prefix of every Prometheus parse error.</summary>
    public string StartPosInput(string query)
    {
        int pos = Math.Clamp(Start, 0, query.Length);
        int line = 1, lastLineBreak = -1;
        for (int i = 0; i < pos; i++)
        {
            if (query[i] == '\n')
            {
                line++;
                lastLineBreak = i;
            }
        }
        return $"{line}:{pos - lastLineBreak}";
    }
}
