namespace Argus.Query.Parser;

/// <summary>Lexical item types (Prometheus's ItemType), grouped as operators, aggregators and keywords.</summary>
internal enum TokenKind
{
    Eof,
    Error,
    Identifier,
    MetricIdentifier,
    Number,
    Duration,
    String,
    LeftParen,
    RightParen,
    LeftBrace,
    RightBrace,
    LeftBracket,
    RightBracket,
    Comma,
    Colon,
    Assign,

    // Operators.
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Pow,
    Eqlc,
    Neq,
    Gtr,
    Lss,
    Gte,
    Lte,
    EqlRegex,
    NeqRegex,
    And,
    Or,
    Unless,
    Atan2,
    At,

    // Aggregators (the operator is in Token.Aggregation).
    Aggregator,

    // Keywords.
    By,
    Without,
    On,
    Ignoring,
    GroupLeft,
    GroupRight,
    Bool,
    Offset,
    Start,
    End,
}
