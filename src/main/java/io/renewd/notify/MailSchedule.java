package io.renewd.notify;

import io.quarkus.scheduler.Scheduled;
import io.renewd.runtime.WorkTrigger;
import io.renewd.config.NotifierConfig;
import io.renewd.config.Role;
import io.renewd.config.ProcessRoles;
import io.quarkus.runtime.ShutdownEvent;
import io.renewd.runtime.ShutdownOrder;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

/** Sends queued mails right after the notifier queued them, and every {@code renewd.notifier.send-interval} (retries). */
@ApplicationScoped
public class MailSchedule {

    private final SendQueuedMails send;
    private final NotifierConfig config;
    private final ProcessRoles roles;
    private final WorkTrigger trigger = new WorkTrigger("renewd-mail", this::sendAll);

    MailSchedule(SendQueuedMails send, NotifierConfig config, ProcessRoles roles) {
        this.send = send;
        this.config = config;
        this.roles = roles;
    }

    void queued(@Observes(during = TransactionPhase.AFTER_SUCCESS) HandleNotification.MailQueued queued) {
        if (roles.runs(Role.NOTIFIER)) {
            trigger.request();
        }
    }

    @Scheduled(every = "${renewd.notifier.send-interval:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (roles.runs(Role.NOTIFIER)) {
            trigger.request();
        }
    }

    /** On SIGTERM: the mail batch in flight finishes; queued mails wait in the mail outbox. */
    void stop(@Observes @Priority(ShutdownOrder.WORK) ShutdownEvent shutdown) {
        trigger.stop(ShutdownOrder.PATIENCE);
    }

    private void sendAll() {
        int due;
        do {
            due = send.execute();
        } while (due == config.batchSize() && !trigger.stopping());
    }
}
