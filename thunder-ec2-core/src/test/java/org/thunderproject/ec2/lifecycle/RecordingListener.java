package org.thunderproject.ec2.lifecycle;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.thunderproject.ec2.ClusterEvent;
import org.thunderproject.ec2.ClusterListener;

/** Keeps every event it is given. */
final class RecordingListener implements ClusterListener {
    private final List<ClusterEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(ClusterEvent event) {
        events.add(event);
    }

    List<ClusterEvent> events() {
        return List.copyOf(events);
    }

    <T extends ClusterEvent> List<T> of(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    List<ClusterEvent.Step> started() {
        return of(ClusterEvent.StepStarted.class).stream()
                .map(ClusterEvent.StepStarted::step)
                .toList();
    }

    List<ClusterEvent.Step> finished() {
        return of(ClusterEvent.StepFinished.class).stream()
                .map(ClusterEvent.StepFinished::step)
                .toList();
    }

    List<String> warnings() {
        return of(ClusterEvent.Warning.class).stream()
                .map(ClusterEvent.Warning::message)
                .toList();
    }

    void clear() {
        events.clear();
    }
}
