namespace Argus.Query.Parser;

/// <summary>Double dispatch over the node types: <c>expr.Accept(visitor)</c> calls the matching Visit method.</summary>
public abstract class ExprVisitor<TResult>
{
    public TResult Visit(Expr expr) => expr.Accept(this);
    public abstract TResult VisitNumberLiteral(NumberLiteral node);
    public abstract TResult VisitStringLiteral(StringLiteral node);
    public abstract TResult VisitVectorSelector(VectorSelector node);
    public abstract TResult VisitMatrixSelector(MatrixSelector node);
    public abstract TResult VisitSubqueryExpr(SubqueryExpr node);
    public abstract TResult VisitParenExpr(ParenExpr node);
    public abstract TResult VisitUnaryExpr(UnaryExpr node);
    public abstract TResult VisitBinaryExpr(BinaryExpr node);
    public abstract TResult VisitCall(Call node);
    public abstract TResult VisitAggregateExpr(AggregateExpr node);
}
