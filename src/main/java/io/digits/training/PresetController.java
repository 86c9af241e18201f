package io.digits.training;

import java.util.Arrays;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Training jobs")
class PresetController {

	@GetMapping("/api/presets")
	@Operation(summary = "Named starting points for a job (\"preset\": NAME in POST /api/jobs)")
	List<PresetView> presets() {
		return Arrays.stream(Preset.values())
			.map(preset -> new PresetView(preset, preset.description(), preset.settings()))
			.toList();
	}

}
