package org.thunderproject.ec2.localcloud.internal.actions;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.thunderproject.ec2.localcloud.internal.http.QueryParams;
import org.thunderproject.ec2.localcloud.internal.http.XmlWriter;
import org.thunderproject.ec2.localcloud.internal.model.CloudState;
import org.thunderproject.ec2.localcloud.internal.model.Ec2Error;
import org.thunderproject.ec2.localcloud.internal.model.Image;
import org.thunderproject.ec2.localcloud.internal.model.Region;
import org.thunderproject.ec2.localcloud.internal.model.Tags;

/** DescribeImages. */
final class ImageActions {

    private static final Tags NO_TAGS = new Tags();
    private static final Filters<Image> FILTERS = Filters.<Image>of()
            .single("name", Image::name)
            .single("architecture", Image::architecture)
            .single("state", Image::state)
            .single("image-id", Image::id)
            .single("owner-id", Image::ownerId)
            .single("owner-alias", Image::ownerAlias)
            .single("description", Image::description)
            .single("creation-date", Image::creationDate)
            .single("is-public", i -> "true")
            .single("image-type", i -> "machine")
            .single("root-device-type", i -> "ebs")
            .single("root-device-name", Image::rootDeviceName)
            .single("virtualization-type", i -> "hvm")
            .single("hypervisor", i -> "xen")
            .single("platform-details", i -> "Linux/UNIX")
            .single("ena-support", i -> "true")
            .tags(i -> NO_TAGS);

    private ImageActions() {}

    static void register(ActionRegistry registry) {
        registry.locked("DescribeImages", ImageActions::describe);
    }

    private static void describe(Request request, XmlWriter out) {
        Region region = request.region();
        QueryParams params = request.params();
        List<Image> selected = new ArrayList<>();
        List<String> ids = params.strings("ImageId");
        if (ids.isEmpty()) {
            selected.addAll(region.images());
        } else {
            List<String> missing = new ArrayList<>();
            for (String id : ids) {
                try {
                    selected.add(region.image(id));
                } catch (Ec2Error e) {
                    if (!e.code().equals("InvalidAMIID.NotFound")) {
                        throw e;
                    }
                    missing.add(id);
                }
            }
            if (!missing.isEmpty()) {
                throw Ec2Error.of(
                        "InvalidAMIID.NotFound", "The image id '[" + String.join(", ", missing) + "]' does not exist");
            }
        }
        List<String> owners = params.strings("Owner");
        Predicate<Image> filter = FILTERS.parse(params);
        List<Image> matching = selected.stream()
                .filter(i -> owners.isEmpty() || owners.stream().anyMatch(o -> owns(o, i)))
                .filter(filter)
                .toList();
        Paging.Page<Image> page = Paging.page(matching, i -> region.images().indexOf(i), params, 6);
        out.list("imagesSet", page.items(), (w, image) -> write(w, image));
        out.leaf("nextToken", page.nextToken());
    }

    private static boolean owns(String owner, Image image) {
        return switch (owner) {
            case "self" -> image.ownerId().equals(CloudState.ACCOUNT_ID);
            case "amazon" -> "amazon".equals(image.ownerAlias());
            default -> owner.equals(image.ownerId()) || owner.equals(image.ownerAlias());
        };
    }

    private static void write(XmlWriter w, Image image) {
        String owner = image.ownerAlias() != null ? image.ownerAlias() : image.ownerId();
        w.leaf("imageId", image.id())
                .leaf("imageLocation", owner + "/" + image.name())
                .leaf("imageState", image.state())
                .leaf("imageOwnerId", image.ownerId())
                .leaf("creationDate", image.creationDate())
                .leaf("isPublic", true)
                .leaf("architecture", image.architecture())
                .leaf("imageType", "machine")
                .leaf("platformDetails", "Linux/UNIX")
                .leaf("usageOperation", "RunInstances")
                .leaf("imageOwnerAlias", image.ownerAlias())
                .leaf("name", image.name())
                .leaf("description", image.description())
                .leaf("rootDeviceType", "ebs")
                .leaf("rootDeviceName", image.rootDeviceName())
                .list("blockDeviceMapping", List.of(image), (b, i) -> b.leaf("deviceName", i.rootDeviceName())
                        .element("ebs", e -> e.leaf("snapshotId", "snap-" + i.id().substring(4))
                                .leaf("volumeSize", 8)
                                .leaf("deleteOnTermination", true)
                                .leaf("volumeType", "gp3")
                                .leaf("iops", 3000)
                                .leaf("throughput", 125)
                                .leaf("encrypted", false)))
                .leaf("virtualizationType", "hvm")
                .leaf("hypervisor", "xen")
                .leaf("enaSupport", true)
                .leaf("sriovNetSupport", "simple")
                .leaf("bootMode", image.architecture().equals("arm64") ? "uefi" : "uefi-preferred")
                .leaf("imdsSupport", "v2.0");
    }
}
