using Kefu.Web.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Kefu.Web.Data.Migrations;

/// <summary>Scaffolded by MigrationScaffolder; provider-neutral (no store types).</summary>
[DbContext(typeof(KefuDbContext))]
[Migration("20261124111339_Orders")]
public sealed class Orders : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "CustomerHandovers",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                ApprovedAt = table.Column<DateTime?>(nullable: true),
                CentreId = table.Column<int>(nullable: false),
                ContractOrQuote = table.Column<string>(maxLength: 2000, nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CustomerId = table.Column<int>(nullable: false),
                CustomerName = table.Column<string>(maxLength: 200, nullable: false),
                Delivery = table.Column<bool>(nullable: false),
                Notes = table.Column<string>(maxLength: 2000, nullable: true),
                OrgPath = table.Column<string>(maxLength: 200, nullable: false),
                OwnerId = table.Column<string>(maxLength: 450, nullable: false),
                SettlementAgreement = table.Column<string>(maxLength: 2000, nullable: true),
                SpecialProcedureAt = table.Column<DateTime?>(nullable: true),
                SpecialProcedureById = table.Column<string>(maxLength: 450, nullable: true),
                SpecialProcedureReason = table.Column<string>(maxLength: 500, nullable: true),
                Status = table.Column<int>(nullable: false),
                Storage = table.Column<bool>(nullable: false),
                SubmittedAt = table.Column<DateTime?>(nullable: true),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_CustomerHandovers", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "DailyOrderCounts",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                ConfirmedAt = table.Column<DateTime>(nullable: false),
                CustomerId = table.Column<int>(nullable: false),
                Day = table.Column<DateOnly>(nullable: false),
                OrgPath = table.Column<string>(maxLength: 200, nullable: false),
                OwnerId = table.Column<string>(maxLength: 450, nullable: false),
                StatedCount = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_DailyOrderCounts", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "Orders",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                ActualArrival = table.Column<DateTime?>(nullable: true),
                BreakIn = table.Column<bool>(nullable: false),
                CentreId = table.Column<int>(nullable: false),
                Channel = table.Column<int>(nullable: false),
                ClosedAt = table.Column<DateTime?>(nullable: true),
                ConfirmedAt = table.Column<DateTime?>(nullable: true),
                ConfirmedById = table.Column<string>(maxLength: 450, nullable: true),
                ConsigneeInformed = table.Column<bool>(nullable: false),
                ConsignorInformed = table.Column<bool>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CustomerId = table.Column<int>(nullable: false),
                CustomerInformedAt = table.Column<DateTime?>(nullable: true),
                CustomerName = table.Column<string>(maxLength: 200, nullable: false),
                DangerousGoods = table.Column<int>(nullable: false),
                DeclaredValueFen = table.Column<long?>(nullable: true),
                DeliveryAddress = table.Column<string>(maxLength: 300, nullable: true),
                DeliveryCity = table.Column<string>(maxLength: 100, nullable: true),
                DeliveryContact = table.Column<string>(maxLength: 100, nullable: true),
                DeliveryParty = table.Column<string>(maxLength: 200, nullable: true),
                DeliveryPhone = table.Column<string>(maxLength: 40, nullable: true),
                Distributor = table.Column<bool>(nullable: false),
                EstimatedChargeFen = table.Column<long?>(nullable: true),
                ExpectedArrival = table.Column<DateTime?>(nullable: true),
                FeedbackChannel = table.Column<int>(nullable: false),
                GoodsName = table.Column<string>(maxLength: 200, nullable: true),
                HandlingCentre = table.Column<int?>(nullable: true),
                ImportantNotes = table.Column<string>(maxLength: 1000, nullable: true),
                JobType = table.Column<int>(nullable: false),
                LateCause = table.Column<string>(maxLength: 1000, nullable: true),
                LateRemedy = table.Column<string>(maxLength: 1000, nullable: true),
                NoticeAttachmentId = table.Column<long?>(nullable: true),
                Number = table.Column<string>(maxLength: 32, nullable: false),
                OnTime = table.Column<bool?>(nullable: true),
                OrgPath = table.Column<string>(maxLength: 200, nullable: false),
                OwnerId = table.Column<string>(maxLength: 450, nullable: false),
                Packaging = table.Column<string>(maxLength: 200, nullable: true),
                PickupAddress = table.Column<string>(maxLength: 300, nullable: true),
                PickupCity = table.Column<string>(maxLength: 100, nullable: true),
                PickupContact = table.Column<string>(maxLength: 100, nullable: true),
                PickupParty = table.Column<string>(maxLength: 200, nullable: true),
                PickupPhone = table.Column<string>(maxLength: 40, nullable: true),
                Pieces = table.Column<int?>(nullable: true),
                PodAttachmentId = table.Column<long?>(nullable: true),
                ProposedClass = table.Column<int?>(nullable: true),
                Purpose = table.Column<int>(nullable: false),
                ReadBackConfirmed = table.Column<bool>(nullable: false),
                RequestedArrival = table.Column<DateTime?>(nullable: true),
                Satisfied = table.Column<bool?>(nullable: true),
                Settlement = table.Column<int>(nullable: false),
                SignOffRequirements = table.Column<string>(maxLength: 500, nullable: true),
                SpecialRequirements = table.Column<bool>(nullable: false),
                Status = table.Column<int>(nullable: false),
                TrackingClass = table.Column<int?>(nullable: true),
                VehicleType = table.Column<string>(maxLength: 50, nullable: true),
                Version = table.Column<int>(nullable: false),
                VolumeM3 = table.Column<decimal?>(nullable: true),
                WeightKg = table.Column<decimal?>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Orders", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "OrderFlowSteps",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                CompletedAt = table.Column<DateTime>(nullable: false),
                CompletedById = table.Column<string>(maxLength: 450, nullable: false),
                Note = table.Column<string>(maxLength: 500, nullable: true),
                OrderId = table.Column<int>(nullable: false),
                OwnerRole = table.Column<string>(maxLength: 64, nullable: false),
                StepKey = table.Column<string>(maxLength: 64, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_OrderFlowSteps", x => x.Id);
                table.ForeignKey(
                    name: "FK_OrderFlowSteps_Orders_OrderId",
                    column: x => x.OrderId,
                    principalTable: "Orders",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "OrderTrackingPoints",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                DoneAt = table.Column<DateTime?>(nullable: true),
                DoneById = table.Column<string>(maxLength: 450, nullable: true),
                DueAt = table.Column<DateTime?>(nullable: true),
                Key = table.Column<string>(maxLength: 64, nullable: false),
                Note = table.Column<string>(maxLength: 500, nullable: true),
                OrderId = table.Column<int>(nullable: false),
                Position = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_OrderTrackingPoints", x => x.Id);
                table.ForeignKey(
                    name: "FK_OrderTrackingPoints_Orders_OrderId",
                    column: x => x.OrderId,
                    principalTable: "Orders",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(
            name: "IX_CustomerHandovers_CustomerId_Status",
            table: "CustomerHandovers",
            columns: new[] { "CustomerId", "Status" });

        migrationBuilder.CreateIndex(
            name: "IX_CustomerHandovers_OrgPath",
            table: "CustomerHandovers",
            column: "OrgPath");

        migrationBuilder.CreateIndex(
            name: "IX_DailyOrderCounts_CustomerId_Day",
            table: "DailyOrderCounts",
            columns: new[] { "CustomerId", "Day" },
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_DailyOrderCounts_Day_OrgPath",
            table: "DailyOrderCounts",
            columns: new[] { "Day", "OrgPath" });

        migrationBuilder.CreateIndex(
            name: "IX_OrderFlowSteps_OrderId_StepKey",
            table: "OrderFlowSteps",
            columns: new[] { "OrderId", "StepKey" },
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_Orders_CustomerId_CreatedAt",
            table: "Orders",
            columns: new[] { "CustomerId", "CreatedAt" });

        migrationBuilder.CreateIndex(
            name: "IX_Orders_Number",
            table: "Orders",
            column: "Number",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_Orders_OrgPath",
            table: "Orders",
            column: "OrgPath");

        migrationBuilder.CreateIndex(
            name: "IX_Orders_OwnerId",
            table: "Orders",
            column: "OwnerId");

        migrationBuilder.CreateIndex(
            name: "IX_Orders_Status_CreatedAt",
            table: "Orders",
            columns: new[] { "Status", "CreatedAt" });

        migrationBuilder.CreateIndex(
            name: "IX_OrderTrackingPoints_DoneAt_DueAt",
            table: "OrderTrackingPoints",
            columns: new[] { "DoneAt", "DueAt" });

        migrationBuilder.CreateIndex(
            name: "IX_OrderTrackingPoints_OrderId_Position",
            table: "OrderTrackingPoints",
            columns: new[] { "OrderId", "Position" });
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "OrderTrackingPoints");
        migrationBuilder.DropTable(name: "OrderFlowSteps");
        migrationBuilder.DropTable(name: "Orders");
        migrationBuilder.DropTable(name: "DailyOrderCounts");
        migrationBuilder.DropTable(name: "CustomerHandovers");
    }
}
