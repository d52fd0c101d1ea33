using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace ImpalaAkka.Config;

/// <summary>
/// Stops a child process the way every long-running <c>impala</c> command expects to be stopped: SIGTERM (a clean stop
/// exactly like Ctrl-C: checkpoint, summary, leaving the cluster), a bounded wait for it to exit, and SIGKILL of its whole
/// tree only if it does not. Shared by cluster nodes and experiment cells.
/// </summary>
/// <remarks>Not SIGINT: a shell starts a background job with SIGINT ignored, and its children inherit that, so a child
/// started from a script's <c>impala cluster up &amp;</c> would sit out the whole wait before being killed.</remarks>
public static partial class ChildProcessStop
{
    private const int SigTerm = 15;
    private const int NoSuchProcess = 3; // ESRCH
    private static readonly TimeSpan KillWait = TimeSpan.FromSeconds(10);

    /// <summary>SIGTERM, then waits up to <paramref name="limit"/>; true when it exited by itself, false when it had to be killed.</summary>
    public static bool Interrupt(Process process, TimeSpan limit)
    {
        if (process.HasExited) return true;
        Terminate(process);
        if (process.WaitForExit(limit)) return true;
        Kill(process);
        return false;
    }

    /// <summary><see cref="Interrupt"/> without blocking a thread while it waits.</summary>
    public static async Task<bool> InterruptAsync(Process process, TimeSpan limit)
    {
        if (process.HasExited) return true;
        Terminate(process);
        if (await WaitAsync(process, limit).ConfigureAwait(false)) return true;
        await KillAsync(process).ConfigureAwait(false);
        return false;
    }

    /// <summary>SIGKILL to the process and its descendants (no chance to checkpoint or flush), then a bounded wait for the exit.</summary>
    public static void Kill(Process process)
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.WaitForExit(KillWait);
    }

    /// <summary><see cref="Kill"/> without blocking a thread while it waits.</summary>
    public static async Task KillAsync(Process process)
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        await WaitAsync(process, KillWait).ConfigureAwait(false);
    }

    /// <summary>
    /// Waits (bounded) for the exit and the end of the redirected output, which a surviving grandchild can hold open;
    /// true when the process has exited.
    /// </summary>
    private static async Task<bool> WaitAsync(Process process, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return process.HasExited;
        }
    }

    private static void Terminate(Process process)
    {
        // ESRCH: it exited (and was reaped) after HasExited looked, which is what SIGTERM was for.
        if (kill(process.Id, SigTerm) != 0 && Marshal.GetLastPInvokeError() is var errno and not NoSuchProcess)
        {
            throw new Win32Exception(errno, $"kill({process.Id}, SIGTERM) failed");
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int sig);
}
