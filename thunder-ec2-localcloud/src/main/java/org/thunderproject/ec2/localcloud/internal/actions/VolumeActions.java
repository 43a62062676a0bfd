package org.thunderproject.ec2.localcloud.internal.actions;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.thunderproject.ec2.localcloud.internal.http.QueryParams;
import org.thunderproject.ec2.localcloud.internal.http.XmlWriter;
import org.thunderproject.ec2.localcloud.internal.model.CloudState;
import org.thunderproject.ec2.localcloud.internal.model.Ec2Error;
import org.thunderproject.ec2.localcloud.internal.model.Region;
import org.thunderproject.ec2.localcloud.internal.model.Volume;

/** DescribeVolumes (volumes come from RunInstances block device mappings). */
final class VolumeActions {

    private static final Filters<Volume> FILTERS = Filters.<Volume>of()
            .single("volume-id", Volume::id)
            .single("status", Volume::state)
            .single("size", Volume::size)
            .single("volume-type", Volume::type)
            .single("availability-zone", Volume::zone)
            .single("encrypted", Volume::encrypted)
            .single("attachment.instance-id", Volume::instanceId)
            .single("attachment.device", Volume::device)
            .single("attachment.delete-on-termination", v -> v.instanceId() == null ? null : v.deleteOnTermination())
            .single("attachment.status", v -> v.instanceId() == null ? null : "attached")
            .tags(Volume::tags);

    private VolumeActions() {}

    static void register(ActionRegistry registry) {
        registry.locked("DescribeVolumes", VolumeActions::describe);
    }

    private static void describe(Request request, XmlWriter out) {
        Region region = request.region();
        QueryParams params = request.params();
        List<String> ids = params.strings("VolumeId");
        List<Volume> selected = new ArrayList<>();
        for (String id : ids) {
            Volume volume = region.volumes().get(id);
            if (volume == null) {
                throw Ec2Error.of("InvalidVolume.NotFound", "The volume '" + id + "' does not exist.");
            }
            selected.add(volume);
        }
        if (ids.isEmpty()) {
            selected.addAll(region.volumes().values());
        }
        Predicate<Volume> filter = FILTERS.parse(params);
        Paging.Page<Volume> page = Paging.page(selected.stream().filter(filter).toList(), Volume::seq, params, 5);
        out.list("volumeSet", page.items(), (w, v) -> {
            w.leaf("volumeId", v.id())
                    .leaf("size", v.size())
                    .leaf("snapshotId", "")
                    .leaf("availabilityZone", v.zone())
                    .leaf("status", v.state())
                    .leaf("createTime", v.createTime())
                    .list("attachmentSet", v.instanceId() == null ? List.<Volume>of() : List.of(v), (a, x) -> a.leaf(
                                    "volumeId", x.id())
                            .leaf("instanceId", x.instanceId())
                            .leaf("device", x.device())
                            .leaf("status", "attached")
                            .leaf("attachTime", x.createTime())
                            .leaf("deleteOnTermination", x.deleteOnTermination()))
                    .leaf("volumeType", v.type())
                    .leaf("iops", v.type().equals("gp3") ? Integer.valueOf(3000) : null)
                    .leaf("throughput", v.type().equals("gp3") ? Integer.valueOf(125) : null)
                    .leaf("encrypted", v.encrypted())
                    .leaf("multiAttachEnabled", false)
                    .leaf("ownerId", CloudState.ACCOUNT_ID);
            Common.tagSet(w, v.tags());
        });
        out.leaf("nextToken", page.nextToken());
    }
}
