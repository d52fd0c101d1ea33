namespace ImpalaAkka.Environments.Tests.MinAtar;

/// <summary>
/// Our games against MinAtar's own Python code, frame for frame: the same seeds and actions must give the same
/// observations, rewards and game-overs. The figures are printed by the script in src/ImpalaAkka.Environments/
/// MinAtar/README.md running MinAtar's games (kenjyoung/MinAtar 4241f24, numpy 1.24.2), e.g.
/// <c>python3 reference.py seaquest 1000 0 1 --trace --policy weights=1,1,1,1,3,3</c>: the first episode's return,
/// length and hash, the sums of returns and lengths, and the hash over all episodes.
/// </summary>
public sealed class MinAtarReferenceTraceTests
{
    [Theory]
    [InlineData("minatar-asterix", 1000, null, 500, 68732, 0, 41, 0xFD0EE5EFF4C6B593UL, 0xB877055BA73A5DCEUL)]
    [InlineData("minatar-breakout", 2000, null, 1033, 22536, 2, 28, 0xEA86CFBB180DC50AUL, 0x48A4D4AAE1B42576UL)]
    [InlineData("minatar-freeway", 100, null, 8, 250100, 0, 2501, 0xB91CA090D6D3DECEUL, 0xE8E01D85AD22065FUL)]
    [InlineData("minatar-freeway", 20, new[] { 1, 1, 6, 1, 1, 0 }, 285, 50020, 17, 2501, 0xE2E2733F74AE9C78UL, 0x68917BCA4CABC55BUL)]
    [InlineData("minatar-seaquest", 2000, null, 212, 61349, 3, 106, 0x423045A4A227A188UL, 0x4A0495660B39FCA6UL)]
    [InlineData("minatar-seaquest", 1000, new[] { 1, 1, 1, 1, 3, 3 }, 437, 80530, 2, 174, 0x7EA11A65FBE5363AUL, 0x586DB881BE5FF0E8UL)]
    [InlineData("minatar-space-invaders", 1000, null, 2749, 50168, 5, 37, 0xAB860F5C3A0ABDEDUL, 0xF380E0AB39DBE16BUL)]
    [InlineData("minatar-space-invaders", 500, new[] { 1, 2, 0, 2, 0, 4 }, 2541, 27870, 7, 56, 0xFD90B87BCD804E53UL, 0x46037106275768F7UL)]
    public void Episodes_SameSeedsAndActionsAsMinAtar_SameTrajectories(
        string name, int episodes, int[]? weights, int returnSum, int lengthSum, int firstReturn, int firstLength, ulong firstHash, ulong combined)
    {
        var run = MinAtarRollout.Run(Environments.Create(name), episodes, seedBase: 0, policySeed: 1, hash: true, weights);
        Assert.Equal((firstReturn, firstLength, firstHash), (run[0].Return, run[0].Length, run[0].Hash));
        Assert.Equal(returnSum, run.Sum(e => e.Return));
        Assert.Equal(lengthSum, run.Sum(e => e.Length));
        Assert.Equal(combined, MinAtarRollout.Combined(run));
    }
}
