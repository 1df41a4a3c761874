namespace Argus.Query.Parser;

/// <summary>How samples of the two sides of a binary operation are matched.</summary>
public enum VectorMatchCardinality
{
    OneToOne,
    ManyToOne,
    OneToMany,
    ManyToMany,
}
