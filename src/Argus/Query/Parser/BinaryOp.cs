namespace Argus.Query.Parser;

/// <summary>Binary operators of PromQL, in Prometheus's token names.</summary>
public enum BinaryOp
{
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Pow,
    Atan2,
    Eqlc,
    Neq,
    Gtr,
    Lss,
    Gte,
    Lte,
    And,
    Or,
    Unless,
}
