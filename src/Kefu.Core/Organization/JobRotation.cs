namespace Kefu.Core.Organization;

/// <summary>A reason a job rotation (ORG-05) cannot go ahead.</summary>
public sealed record RotationProblem(string Field, string Code);

/// <summary>
/// ORG-05: moving a person to another centre or role hands everything they own to a named
/// successor, so nothing is left without an owner. The successor must be someone else, active,
/// and on duty (TRN-04), and there must be a real change.
/// </summary>
public static class JobRotationRules
{
    public static IReadOnlyList<RotationProblem> SuccessorMustBeAnotherActivePerson(
        string personId, string? successorId, bool successorActive, bool successorOnDuty, int openItems)
    {
        var problems = new List<RotationProblem>();
        if (string.IsNullOrEmpty(successorId))
        {
            if (openItems > 0)
            {
                problems.Add(new("successorId", "Rotation.SuccessorRequired"));
            }

            return problems;
        }

        if (successorId == personId)
        {
            problems.Add(new("successorId", "Rotation.SuccessorIsSelf"));
        }
        else if (!successorActive)
        {
            problems.Add(new("successorId", "Rotation.SuccessorInactive"));
        }
        else if (!successorOnDuty)
        {
            problems.Add(new("successorId", "Rotation.SuccessorNotOnDuty"));
        }

        return problems;
    }
}
