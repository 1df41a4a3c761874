namespace Argus.Config;

/// <summary>The relabelling actions of Prometheus's model/relabel; written in YAML in lower case.</summary>
public enum RelabelAction
{
    Replace,
    Keep,
    Drop,
    KeepEqual,
    DropEqual,
    HashMod,
    LabelMap,
    LabelDrop,
    LabelKeep,
    Lowercase,
    Uppercase,
}
