namespace Kefu.Core.Field;

/// <summary>FLD-01: how a technician serves the customer.</summary>
public enum ServiceMode
{
    /// <summary>流动: a technician goes out from the centre to each call.</summary>
    Mobile,

    /// <summary>驻点: technicians stationed at the customer's site.</summary>
    Resident,

    /// <summary>团队: a team project of many person-days (FLD-04).</summary>
    Team,

    /// <summary>专案: a project contract (maintenance of servers, software roll-outs).</summary>
    Project,
}

/// <summary>FLD-05: the three service sheets, each numbered in its own sequence.</summary>
public enum JobType
{
    /// <summary>安装单.</summary>
    Install,

    /// <summary>维修单.</summary>
    Repair,

    /// <summary>巡检单.</summary>
    Inspection,
}

/// <summary>Where a job came from.</summary>
public enum JobSource
{
    Phone,
    Email,
    Portal,
    Api,
    Order,
    Planned,
}

/// <summary>The job's life (FLD-05): new → assigned → set out → arrived → finished → signed → closed; or cancelled.</summary>
public enum JobState
{
    New,
    Assigned,
    SetOut,
    Arrived,
    Finished,
    // "Signed" names the customer's signature on the sheet, not a number's sign.
#pragma warning disable CA1720
    Signed,
#pragma warning restore CA1720
    Closed,
    Cancelled,
}

public enum JobPriority
{
    Normal,
    High,
    Urgent,
}

/// <summary>What the technician found: decides which charge rule applies (CHG-01/02/04).</summary>
public enum IssueKind
{
    /// <summary>Hardware replaced or repaired: the manufacturer's warranty decides (CHG-01).</summary>
    Hardware,

    /// <summary>A software problem after installation (CHG-02).</summary>
    Software,

    /// <summary>Any other customer's service: the cooperation form (配合单) says (CHG-04).</summary>
    Other,
}

/// <summary>A technician as the dispatch board sees them (FLD-06).</summary>
public enum TechnicianState
{
    Free,
    OnTheWay,
    OnSite,
    OffDuty,
}

/// <summary>FLD-08: the stages of an out-of-warranty repair, each with its own time limit.</summary>
public enum RepairStage
{
    Diagnosis,
    Quote,
    CustomerApproval,
    Parts,
    Repair,
    Return,
}

/// <summary>A point on the earth, in degrees.</summary>
public readonly record struct GeoPoint(double Latitude, double Longitude)
{
    private const double EarthRadiusKm = 6371.0088;

    public bool IsValid => Latitude is >= -90 and <= 90 && Longitude is >= -180 and <= 180 && !double.IsNaN(Latitude) && !double.IsNaN(Longitude);

    /// <summary>Great-circle distance (haversine) in kilometres; no map service needed (FLD-06).</summary>
    public double KilometresTo(GeoPoint other)
    {
        static double Radians(double degrees) => degrees * Math.PI / 180;
        var dLat = Radians(other.Latitude - Latitude);
        var dLon = Radians(other.Longitude - Longitude);
        var a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2)
              + Math.Cos(Radians(Latitude)) * Math.Cos(Radians(other.Latitude)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}
