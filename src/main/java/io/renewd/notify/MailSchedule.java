package io.renewd.notify;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.renewd.config.NotifierConfig;
import io.renewd.config.ProcessRoles;
import io.renewd.config.Role;
import io.renewd.runtime.BackgroundLoop;
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
    private final BackgroundLoop loop;

    MailSchedule(SendQueuedMails send, NotifierConfig config, ProcessRoles roles) {
        this.send = send;
        this.config = config;
        this.loop = new BackgroundLoop("renewd-mail", roles.runs(Role.NOTIFIER), config.sendInterval(), this::sendAll);
    }

    void start(@Observes StartupEvent started) {
        loop.start();
    }

    void queued(@Observes(during = TransactionPhase.AFTER_SUCCESS) HandleNotification.MailQueued queued) {
        loop.wake();
    }

    /** On SIGTERM: the mail batch in flight finishes; queued mails wait in the mail outbox. */
    void stop(@Observes @Priority(ShutdownOrder.WORK) ShutdownEvent shutdown) {
        loop.stop();
    }

    private void sendAll() {
        int due;
        do {
            due = send.execute();
        } while (due == config.batchSize() && !loop.stopping());
    }
}
