package main

import (
	"fmt"
	"sync"
)

func main() {
	scores := map[string]int{"ada": 3, "grace": 5}
	var mu sync.RWMutex
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		mu.RLock()
		scores["linus"] = 4
		mu.RUnlock()
	}()
	total := 0
	mu.RLock()
	for _, s := range scores {
		total += s
	}
	mu.RUnlock()
	wg.Wait()
	fmt.Println("total:", total)
	fmt.Println("players:", len(scores))
}
