using Kefu.Core.Visits;
using Kefu.Web.Data;
using Kefu.Web.Platform.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kefu.Web.Modules.Visits;

/// <summary>The questionnaires VIS-05 names.</summary>
public enum SurveyKind
{
    ProjectSatisfaction,
    ResidentService,
    OwnerSatisfaction,
    UserFeedback,
}

public enum QuestionType
{
    SingleChoice,
    MultipleChoice,

    /// <summary>The VIS-03 scale: 很满意 / 满意 / 一般 / 不满意. The first rating question feeds VIS-04.</summary>
    Rating,

    Text,
}

/// <summary>One question of a questionnaire; stored with the survey as JSON.</summary>
public sealed record SurveyQuestion(string Key, string Text, string? TextEn, QuestionType Type, IReadOnlyList<string>? Options, bool Required);

/// <summary>A questionnaire (VIS-05). Published surveys can no longer change, so answers keep their meaning.</summary>
public sealed class Survey : IScopedRecord, IVersioned
{
    public int Id { get; set; }
    public required string Title { get; set; }
    public string? TitleEn { get; set; }
    public SurveyKind Kind { get; set; }
    public string OrgPath { get; set; } = "/";
    public int CentreId { get; set; }

    /// <summary>Who built it.</summary>
    public required string OwnerId { get; set; }

    public string QuestionsJson { get; set; } = "[]";
    public bool Published { get; set; }
    public DateTime CreatedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>
/// One respondent's link (VIS-05): signed, expiring, answerable once. The nonce is part of the
/// signed token, so re-issuing a link makes the old one void.
/// </summary>
public sealed class SurveyInvitation : IScopedRecord, IVersioned
{
    public int Id { get; set; }
    public int SurveyId { get; set; }
    public string OrgPath { get; set; } = "/";
    public required string CreatedById { get; set; }
    public int? CustomerId { get; set; }
    public required string RespondentName { get; set; }
    public string? RespondentEmail { get; set; }

    /// <summary>The technician whose service is rated, if any (VIS-04 per technician).</summary>
    public string? TechnicianId { get; set; }

    public required string Nonce { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? AnsweredAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public int Version { get; set; }

    static string IScopedRecord.OwnerProperty => nameof(CreatedById);
}

/// <summary>The answers given through one invitation.</summary>
public sealed class SurveyResponse : IScopedRecord
{
    public int Id { get; set; }
    public int InvitationId { get; set; }
    public int SurveyId { get; set; }
    public string OrgPath { get; set; } = "/";
    public int? CustomerId { get; set; }
    public string? TechnicianId { get; set; }
    public DateTime AnsweredAt { get; set; }
    public string AnswersJson { get; set; } = "{}";

    /// <summary>The answer to the first rating question, for VIS-04.</summary>
    public SatisfactionRating? Rating { get; set; }

    static string IScopedRecord.OwnerProperty => nameof(TechnicianId);
}

public sealed class SurveyConfiguration : IEntityTypeConfiguration<Survey>
{
    public void Configure(EntityTypeBuilder<Survey> builder)
    {
        builder.ToTable("Surveys");
        builder.Property(s => s.Title).HasMaxLength(200);
        builder.Property(s => s.TitleEn).HasMaxLength(200);
        builder.Property(s => s.OrgPath).HasMaxLength(200);
        builder.Property(s => s.OwnerId).HasMaxLength(450);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.HasIndex(s => s.OrgPath);
    }
}

public sealed class SurveyInvitationConfiguration : IEntityTypeConfiguration<SurveyInvitation>
{
    public void Configure(EntityTypeBuilder<SurveyInvitation> builder)
    {
        builder.ToTable("SurveyInvitations");
        builder.Property(i => i.OrgPath).HasMaxLength(200);
        builder.Property(i => i.CreatedById).HasMaxLength(450);
        builder.Property(i => i.TechnicianId).HasMaxLength(450);
        builder.Property(i => i.RespondentName).HasMaxLength(100);
        builder.Property(i => i.RespondentEmail).HasMaxLength(256);
        builder.Property(i => i.Nonce).HasMaxLength(64);
        builder.Property(i => i.Version).IsConcurrencyToken();
        builder.HasIndex(i => i.SurveyId);
        builder.HasIndex(i => i.OrgPath);
    }
}

public sealed class SurveyResponseConfiguration : IEntityTypeConfiguration<SurveyResponse>
{
    public void Configure(EntityTypeBuilder<SurveyResponse> builder)
    {
        builder.ToTable("SurveyResponses");
        builder.Property(r => r.OrgPath).HasMaxLength(200);
        builder.Property(r => r.TechnicianId).HasMaxLength(450);
        builder.HasIndex(r => r.InvitationId).IsUnique();
        builder.HasIndex(r => new { r.SurveyId, r.AnsweredAt });
        builder.HasIndex(r => r.AnsweredAt);
    }
}
