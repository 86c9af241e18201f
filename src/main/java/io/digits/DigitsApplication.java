package io.digits;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class DigitsApplication {

	public static void main(String[] args) {
		SpringApplication.run(DigitsApplication.class, args);
	}

}
