using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kefu.Web.Platform.Sequences;

/// <summary>
/// The last number given in one sequence: a record type (<see cref="Name"/>) and, for sequences
/// that run per person or per unit, the key of that scope (<see cref="Scope"/>, empty for one
/// company-wide sequence). Only <see cref="NumberSequences"/> writes it.
/// </summary>
public sealed class SequenceCounter
{
    public required string Name { get; set; }
    public required string Scope { get; set; }
    public long Last { get; set; }
}

public sealed class SequenceCounterConfiguration : IEntityTypeConfiguration<SequenceCounter>
{
    public void Configure(EntityTypeBuilder<SequenceCounter> builder)
    {
        builder.ToTable("SequenceCounters");
        builder.HasKey(s => new { s.Name, s.Scope });
        builder.Property(s => s.Name).HasMaxLength(64);
        builder.Property(s => s.Scope).HasMaxLength(450);
    }
}
