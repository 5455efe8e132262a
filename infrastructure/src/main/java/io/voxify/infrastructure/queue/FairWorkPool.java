package io.voxify.infrastructure.queue;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fixed set of worker threads shared fairly between users. Each user has a lane of their own
 * (first in, first out); a free thread serves the next lane in turn among the users with queued
 * work (round robin), skipping users who already have {@code capPerUser} items running. So one
 * user's flood never makes another user's work wait for more than the items already running:
 * the next free thread takes it. A lane holds at most {@code backlogPerUser} items and the pool
 * at most {@code backlog}; beyond that {@link #submit} answers false and the caller offers the
 * work again later, so no user can fill the backlog for everyone. The cap is read at each choice,
 * so an administrator's change applies to the next item.
 *
 * <p>The in-process queue's pools are these; so is any other work in this process shared by owner (webhook
 * deliveries), which is why it sits at the queue concern's root rather than in its in-process adapter.
 */
public final class FairWorkPool implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FairWorkPool.class);
    /** Work whose owner is not known (sagas started before owners were recorded) shares one lane. */
    static final String UNKNOWN_OWNER = "";

    private final String name;
    private final int backlog;
    private final int backlogPerUser;
    private final IntSupplier capPerUser;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition workAvailable = lock.newCondition();
    private final Map<String, Lane> lanes = new HashMap<>();
    /** Users whose lane has queued work and who are below the cap, in the order they are served. */
    private final ArrayDeque<Lane> turn = new ArrayDeque<>();

    private final List<Thread> threads = new ArrayList<>();
    private int queued;
    private int running;
    private boolean closed;

    private static final class Lane {
        final String user;
        final ArrayDeque<Item> items = new ArrayDeque<>();
        int running;
        boolean inTurn;

        Lane(String user) {
            this.user = user;
        }
    }

    private record Item(Lane lane, String what, Runnable work) {}

    public FairWorkPool(String name, int threadCount, int backlog, int backlogPerUser, IntSupplier capPerUser) {
        if (threadCount < 1 || backlog < 1 || backlogPerUser < 1) {
            throw new IllegalArgumentException("threadCount, backlog and backlogPerUser must be positive");
        }
        this.name = name;
        this.backlog = backlog;
        this.backlogPerUser = backlogPerUser;
        this.capPerUser = capPerUser;
        for (int i = 1; i <= threadCount; i++) {
            Thread t = new Thread(this::serve, name + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    /**
     * Queues {@code work} in its owner's lane; false when the pool or the owner's lane is full (or the pool is
     * closed), and the work was not taken.
     */
    public boolean submit(String userId, String what, Runnable work) {
        String owner = userId == null ? UNKNOWN_OWNER : userId;
        lock.lock();
        try {
            Lane lane = lanes.get(owner);
            if (closed || queued >= backlog || (lane != null && lane.items.size() >= backlogPerUser)) {
                return false;
            }
            if (lane == null) {
                lane = new Lane(owner);
                lanes.put(owner, lane);
            }
            lane.items.addLast(new Item(lane, what, work));
            queued++;
            offerTurn(lane);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Items waiting for a thread. */
    public int queued() {
        lock.lock();
        try {
            return queued;
        } finally {
            lock.unlock();
        }
    }

    /** Items a thread is running now. */
    public int running() {
        lock.lock();
        try {
            return running;
        } finally {
            lock.unlock();
        }
    }

    /** Items of this user queued or running. */
    public int inFlight(String userId) {
        lock.lock();
        try {
            Lane lane = lanes.get(Objects.requireNonNullElse(userId, UNKNOWN_OWNER));
            return lane == null ? 0 : lane.items.size() + lane.running;
        } finally {
            lock.unlock();
        }
    }

    private int cap() {
        return Math.max(1, capPerUser.getAsInt());
    }

    /** Puts the lane at the back of the turn if it has queued work, is below the cap and is not in it yet. */
    private void offerTurn(Lane lane) {
        if (!lane.inTurn && !lane.items.isEmpty() && lane.running < cap()) {
            lane.inTurn = true;
            turn.addLast(lane);
            workAvailable.signal();
        }
    }

    private Item next() throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                if (closed && queued == 0) {
                    return null;
                }
                Lane lane = turn.pollFirst();
                if (lane != null) {
                    lane.inTurn = false;
                    // The cap may have been lowered since the lane joined the turn: it rejoins when an item ends.
                    if (lane.running < cap() && !lane.items.isEmpty()) {
                        Item item = lane.items.pollFirst();
                        queued--;
                        lane.running++;
                        running++;
                        offerTurn(lane);
                        return item;
                    }
                    continue;
                }
                if (queued > 0) {
                    // A raised cap lets lanes waiting at the old one take part again.
                    lanes.values().forEach(this::offerTurn);
                    if (!turn.isEmpty()) {
                        continue;
                    }
                }
                if (closed) {
                    return null;
                }
                workAvailable.await(1, TimeUnit.SECONDS);
            }
        } finally {
            lock.unlock();
        }
    }

    private void finished(Lane lane) {
        lock.lock();
        try {
            lane.running--;
            running--;
            if (lane.items.isEmpty() && lane.running == 0) {
                lanes.remove(lane.user, lane);
            } else {
                offerTurn(lane);
            }
        } finally {
            lock.unlock();
        }
    }

    private void serve() {
        while (true) {
            Item item;
            try {
                item = next();
            } catch (InterruptedException stop) {
                return;
            }
            if (item == null) {
                return;
            }
            try {
                item.work().run();
            } catch (RuntimeException e) {
                log.error("Worker crashed on {}", item.what(), e);
            } finally {
                finished(item.lane());
            }
        }
    }

    /** Takes no more work; the threads finish what is queued, then end. */
    public void shutdown() {
        lock.lock();
        try {
            closed = true;
            workAvailable.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Takes no more work, drops what is queued and interrupts what runs (for work that is tried again anyway). */
    public void shutdownNow() {
        lock.lock();
        try {
            closed = true;
            for (Lane lane : lanes.values()) {
                queued -= lane.items.size();
                lane.items.clear();
            }
            turn.clear();
            workAvailable.signalAll();
        } finally {
            lock.unlock();
        }
        threads.forEach(Thread::interrupt);
    }

    /** Waits up to {@code timeout} for the threads to end, then interrupts those still running. */
    public void awaitTermination(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread t : threads) {
            TimeUnit.NANOSECONDS.timedJoin(t, Math.max(1, deadline - System.nanoTime()));
            if (t.isAlive()) {
                t.interrupt();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        shutdown();
        awaitTermination(Duration.ofSeconds(30));
    }

    @Override
    public String toString() {
        return "FairWorkPool[" + name + "]";
    }
}
