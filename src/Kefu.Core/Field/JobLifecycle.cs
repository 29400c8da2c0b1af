namespace Kefu.Core.Field;

/// <summary>What people do to a job.</summary>
public enum JobAction
{
    Assign,
    Accept,
    SetOut,
    Arrive,
    Finish,
    Sign,
    Close,
    HandOver,
    Cancel,
}

/// <summary>FLD-05/07: which action each state allows, and where it leads.</summary>
public static class JobLifecycle
{
    /// <summary>The state after <paramref name="action"/>, or null when the job's state does not allow it.</summary>
    public static JobState? Next(JobState state, JobAction action) => (state, action) switch
    {
        (JobState.New, JobAction.Assign) => JobState.Assigned,
        (JobState.Assigned, JobAction.Accept) => JobState.Assigned,
        (JobState.Assigned, JobAction.SetOut) => JobState.SetOut,

        // A resident technician is already at the customer's site: arriving without setting out is allowed.
        (JobState.Assigned or JobState.SetOut, JobAction.Arrive) => JobState.Arrived,
        (JobState.Arrived, JobAction.Finish) => JobState.Finished,
        (JobState.Finished, JobAction.Sign) => JobState.Signed,
        (JobState.Finished or JobState.Signed, JobAction.Close) => JobState.Closed,

        // FLD-07: an unfinished job passes to another technician and starts again from "assigned"; its history stays.
        (JobState.Assigned or JobState.SetOut or JobState.Arrived, JobAction.HandOver) => JobState.Assigned,
        (JobState.New or JobState.Assigned or JobState.SetOut or JobState.Arrived, JobAction.Cancel) => JobState.Cancelled,
        _ => null,
    };

    public static bool Allows(JobState state, JobAction action) => Next(state, action) is not null;

    /// <summary>Open jobs are on the dispatch board and count in a technician's load.</summary>
    public static bool IsOpen(JobState state) => state is JobState.New or JobState.Assigned or JobState.SetOut or JobState.Arrived;

    /// <summary>The technician's state while they hold a job in <paramref name="state"/>.</summary>
    public static TechnicianState TechnicianStateFor(JobState state) => state switch
    {
        JobState.SetOut => TechnicianState.OnTheWay,
        JobState.Arrived => TechnicianState.OnSite,
        _ => TechnicianState.Free,
    };

    /// <summary>The actions a technician's phone offers next, in the order of the buttons.</summary>
    public static IReadOnlyList<JobAction> TechnicianActions(JobState state, bool accepted) => state switch
    {
        JobState.Assigned when !accepted => [JobAction.Accept, JobAction.SetOut, JobAction.Arrive],
        JobState.Assigned => [JobAction.SetOut, JobAction.Arrive],
        JobState.SetOut => [JobAction.Arrive],
        JobState.Arrived => [JobAction.Finish],
        JobState.Finished => [JobAction.Sign],
        _ => [],
    };
}
