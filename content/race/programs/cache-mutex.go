package main

import (
	"fmt"
	"sync"
)

var (
	mu    sync.Mutex
	cache = map[string]int{}
)

// lookup returns the cached value for key, computing and storing it on a miss.
func lookup(key string) int {
	mu.Lock()
	defer mu.Unlock()
	if v, ok := cache[key]; ok {
		return v
	}
	v := len(key) * 10
	cache[key] = v
	return v
}

func main() {
	keys := map[int]string{0: "cpu", 1: "memory", 2: "cpu"}
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func(key string) {
			defer wg.Done()
			lookup(key)
		}(keys[i])
	}
	wg.Wait()
	fmt.Println("cached keys:", len(cache))
}
