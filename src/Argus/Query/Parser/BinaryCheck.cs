namespace Argus.Query.Parser;

/// <summary>What the type check of a binary expression needs beyond the node: the operator's span and the modifiers as written.</summary>
internal readonly record struct BinaryCheck(PositionRange OpRange, VectorMatching Written);
