namespace Argus.Store.Head;

internal sealed partial class HeadAppender
{
    private void LogToWal()
    {
    }
}
