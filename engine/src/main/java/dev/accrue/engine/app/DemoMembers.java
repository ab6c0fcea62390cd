package dev.accrue.engine.app;

import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.command.CommandType;
import dev.accrue.engine.command.ReplyTarget;
import dev.accrue.engine.domain.ResultCode;
import dev.accrue.engine.pipeline.CommandPublisher;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The demo program's members, enrolled through the ring like any other enrolment when a new data
 * directory is opened with {@code demo.seed-members=true}, so the quick start has cards to call.
 */
final class DemoMembers {
    record DemoMember(String card, String eshopCustomerId, String phone) {
    }

    static final List<DemoMember> MEMBERS = List.of(
            new DemoMember("DEMO-0001", "demo-anna", "+420601000001"),
            new DemoMember("DEMO-0002", "demo-ben", "+420601000002"),
            new DemoMember("DEMO-0003", "demo-clara", "+420601000003"));
    private static final long ENROLLED_AT = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    private DemoMembers() {
    }

    static void enrol(CommandPublisher publisher) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(MEMBERS.size());
        ResultCode[] results = new ResultCode[MEMBERS.size()];
        ReplyTarget target = slot -> {
            results[slot.replyIndex] = slot.result;
            done.countDown();
        };
        for (int i = 0; i < MEMBERS.size(); i++) {
            DemoMember member = MEMBERS.get(i);
            long sequence;
            while ((sequence = publisher.tryClaim()) == CommandPublisher.RING_FULL) {
                Thread.onSpinWait();
            }
            CommandSlot slot = publisher.slot(sequence);
            slot.reset(CommandType.ENROL);
            slot.eventId = "demo-enrol-" + (i + 1);
            slot.occurredAtMillis = ENROLLED_AT;
            slot.enrolCard = member.card();
            slot.enrolEshop = member.eshopCustomerId();
            slot.enrolPhone = member.phone();
            slot.reply = target;
            slot.replyIndex = i;
            publisher.publish(sequence);
        }
        if (!done.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("demo enrolment did not complete");
        }
        for (ResultCode result : results) {
            if (result != ResultCode.OK) {
                throw new IllegalStateException("demo enrolment failed: " + result);
            }
        }
    }
}
