using ImpalaAkka.Cluster.Hosting;

namespace ImpalaAkka.Cluster.Tests.Hosting;

public sealed class InboxBookTests
{
    private static string[] Text(IReadOnlyList<(string Outbox, long[] Tags)> routed) => [.. routed.Select(r => $"{r.Outbox}:{string.Join(",", r.Tags)}")];

    [Fact]
    public void TagsOfSeveralOutboxes_AreDistinct_ARedeliveryKeepsItsTag_AndUseAndAckRouteBackPerOutbox()
    {
        var book = new InboxBook<string>();

        var a1 = book.Arrived("a", 1);
        var b1 = book.Arrived("b", 1);
        var a2 = book.Arrived("a", 2);

        Assert.Equal(3, new[] { a1, b1, a2 }.Distinct().Count());
        Assert.Equal(a1, book.Arrived("a", 1));
        Assert.Equal(["a:1,2", "b:1"], Text(book.Route([a1, b1, a2], forget: false)));
        Assert.Equal(["a:2"], Text(book.Route([a2], forget: true)));
        Assert.Empty(book.Route([a2], forget: false)); // acked: forgotten
        Assert.NotEqual(a2, book.Arrived("a", 2)); // delivered again after its ack: a new tag
    }

    [Fact]
    public void AnOutboxThatIsGone_IsForgotten_UnknownTagsAreSkipped()
    {
        var book = new InboxBook<string>();
        var a = book.Arrived("a", 7);
        var b = book.Arrived("b", 7);

        book.OutboxGone("a");

        Assert.Equal(["b:7"], Text(book.Route([a, b, 999], forget: true)));
    }
}
