namespace ImpalaAkka.Environments.MinAtar;

/// <summary>
/// Seaquest's per-frame updates. Each list is walked from its end, as MinAtar walks <c>reversed(list)</c>,
/// and an element leaves by its own index: MinAtar removes by value, and no two elements of a list can be
/// equal at that moment, so the two agree.
/// </summary>
public sealed partial class Seaquest
{
    private int MoveFriendlyBullets()
    {
        var reward = 0;
        for (var i = FriendlyBullets.Count - 1; i >= 0; i--)
        {
            var bullet = FriendlyBullets[i];
            bullet = bullet with { X = bullet.X + (bullet.MovesRight ? 1 : -1) };
            if (bullet.X is < 0 or > Last)
            {
                FriendlyBullets.RemoveAt(i);
                continue;
            }
            FriendlyBullets[i] = bullet;
            var hit = IndexAt(Fish, bullet.X, bullet.Y);
            var targets = Fish;
            if (hit < 0)
            {
                hit = IndexAt(EnemySubs, bullet.X, bullet.Y);
                targets = EnemySubs;
            }
            if (hit < 0) continue;
            targets.RemoveAt(hit);
            FriendlyBullets.RemoveAt(i);
            reward++;
        }
        return reward;
    }

    private void MoveDivers()
    {
        for (var i = Divers.Count - 1; i >= 0; i--)
        {
            var diver = Divers[i];
            if (TryPickUp(diver, i)) continue;
            if (diver.MoveTimer == 0)
            {
                diver = diver.Moved(DiverMoveInterval);
                if (diver.OffBoard)
                {
                    Divers.RemoveAt(i);
                    continue;
                }
                Divers[i] = diver;
                TryPickUp(diver, i);
            }
            else
            {
                Divers[i] = diver with { MoveTimer = diver.MoveTimer - 1 };
            }
        }
    }

    private bool TryPickUp(SeaquestEntity diver, int index)
    {
        if (!diver.At(SubX, SubY) || DiverCount >= MaxDivers) return false;
        Divers.RemoveAt(index);
        DiverCount++;
        return true;
    }

    // A sub shot down or gone off the board in this frame still fires if its shot timer is due (MinAtar
    // updates the timer after the move); such a bullet leaves the board before the frame ends.
    private int MoveEnemySubs()
    {
        var reward = 0;
        for (var i = EnemySubs.Count - 1; i >= 0; i--)
        {
            var sub = EnemySubs[i];
            var (moved, destroyed) = MoveEnemy(sub);
            reward += destroyed ? 1 : 0;
            sub = moved;
            if (sub.ShotTimer == 0)
            {
                sub = sub with { ShotTimer = EnemyShotInterval };
                EnemyBullets.Add(new SeaquestBullet(sub.X, sub.Y, sub.MovesRight));
            }
            else
            {
                sub = sub with { ShotTimer = sub.ShotTimer - 1 };
            }
            if (destroyed || sub.OffBoard) EnemySubs.RemoveAt(i);
            else EnemySubs[i] = sub;
        }
        return reward;
    }

    private int MoveFish()
    {
        var reward = 0;
        for (var i = Fish.Count - 1; i >= 0; i--)
        {
            var (fish, destroyed) = MoveEnemy(Fish[i]);
            reward += destroyed ? 1 : 0;
            if (destroyed || fish.OffBoard) Fish.RemoveAt(i);
            else Fish[i] = fish;
        }
        return reward;
    }

    // An enemy on the sub ends the game (before and after its move); one that moves onto a player bullet
    // is destroyed with it.
    private (SeaquestEntity Enemy, bool Destroyed) MoveEnemy(SeaquestEntity enemy)
    {
        if (enemy.At(SubX, SubY)) Terminal = true;
        if (enemy.MoveTimer != 0) return (enemy with { MoveTimer = enemy.MoveTimer - 1 }, false);
        enemy = enemy.Moved(MoveSpeed);
        if (enemy.OffBoard) return (enemy, false);
        if (enemy.At(SubX, SubY))
        {
            Terminal = true;
            return (enemy, false);
        }
        var hit = IndexAt(FriendlyBullets, enemy.X, enemy.Y);
        if (hit < 0) return (enemy, false);
        FriendlyBullets.RemoveAt(hit);
        return (enemy, true);
    }

    private void MoveEnemyBullets()
    {
        for (var i = EnemyBullets.Count - 1; i >= 0; i--)
        {
            var bullet = EnemyBullets[i];
            if (bullet.X == SubX && bullet.Y == SubY) Terminal = true;
            bullet = bullet with { X = bullet.X + (bullet.MovesRight ? 1 : -1) };
            if (bullet.X is < 0 or > Last)
            {
                EnemyBullets.RemoveAt(i);
                continue;
            }
            EnemyBullets[i] = bullet;
            if (bullet.X == SubX && bullet.Y == SubY) Terminal = true;
        }
    }

    private static int IndexAt(List<SeaquestEntity> entities, int x, int y)
    {
        for (var i = 0; i < entities.Count; i++)
        {
            if (entities[i].At(x, y)) return i;
        }
        return -1;
    }

    private static int IndexAt(List<SeaquestBullet> bullets, int x, int y)
    {
        for (var i = 0; i < bullets.Count; i++)
        {
            if (bullets[i].X == x && bullets[i].Y == y) return i;
        }
        return -1;
    }
}
