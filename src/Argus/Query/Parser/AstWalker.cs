namespace Argus.Query.Parser;

/// <summary>Depth-first traversal of a syntax tree, like Prometheus's parser.Inspect.</summary>
public static class AstWalker
{
    /// <summary>
    /// Calls <paramref name="visit"/> for every node in pre-order with the node's ancestors (root first). When it returns
    /// false the node's children are skipped.
    /// </summary>
    public static void Inspect(Expr root, Func<Expr, IReadOnlyList<Expr>, bool> visit)
    {
        var path = new List<Expr>();
        Walk(root, path, visit);
    }

    /// <summary>Every node of the tree in pre-order.</summary>
    public static IEnumerable<Expr> Descendants(Expr root)
    {
        var stack = new Stack<Expr>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;
            var children = node.Children;
            for (int i = children.Count - 1; i >= 0; i--) stack.Push(children[i]);
        }
    }

    private static void Walk(Expr node, List<Expr> path, Func<Expr, IReadOnlyList<Expr>, bool> visit)
    {
        if (!visit(node, path)) return;
        path.Add(node);
        foreach (var child in node.Children) Walk(child, path, visit);
        path.RemoveAt(path.Count - 1);
    }
}
