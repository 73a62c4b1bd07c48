package ink.ml.deploy.workflow.push;

import java.util.List;

public record TrackingServices(List<String> serviceIds) {
    public TrackingServices {
        serviceIds = List.copyOf(serviceIds);
    }
}
